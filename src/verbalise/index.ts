// The verbaliser: traces into plain English (one step for the Explorer, whole stories for datasets)
// and stories back into states. Pure: no DOM, no Python.
export { describeStep } from './describe.ts';
