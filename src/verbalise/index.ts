// The verbaliser: traces into plain English (one step for the Explorer, whole stories for datasets)
// and stories back into states. Pure: no DOM, no Python. Grammar: docs/verbaliser.md.
export { describeStep } from './describe.ts';
export {
  answerOf, COMPRESS_ABOVE, GRANULARITIES, promptOf, renderSentence, showsWork, storySentences, verbalise,
  type Clause, type Granularity, type Head, type Sentence, type Story,
} from './story.ts';
export {
  compareStates, expectedStates, parseStory, scanValue, stateDifference, storyGranularityOf,
  type Comparison, type Divergence, type ParsedStory, type StateDifference, type StoryState,
} from './parse.ts';
export { alignStory, divergenceSentence, sameOutput, type AlignedStep, type Alignment, type StoryDivergence } from './align.ts';
