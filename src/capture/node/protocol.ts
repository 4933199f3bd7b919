// Messages between the Node runner (runner.ts) and its sandboxed child (runner-child.ts), over Node's IPC channel.
import type { RunRequest } from '../trace.ts';

export type ChildRequest =
  | { kind: 'init'; tracerSource: string }
  | { kind: 'run'; id: number; req: RunRequest }
  | { kind: 'compare'; id: number; expected: string; actual: string };

export type ChildReply =
  | { kind: 'ready' }
  | { kind: 'fatal'; message: string }
  /** recycle: the child exits right after this reply (broken interpreter or an oversized heap). */
  | { kind: 'trace'; id: number; json: string; recycle: boolean }
  | { kind: 'compared'; id: number; equal: boolean };
