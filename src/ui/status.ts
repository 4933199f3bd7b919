// The compute backend's state for the header, reported by the model/training code
// (`setComputeStatus({ backend: 'wasm', state: 'ready' })`) and read by the shell with `useComputeStatus()`.
import { useSyncExternalStore } from 'react';

export interface ComputeStatus {
  /** e.g. `webgpu`, `wasm`, `cpu`, or `none` before anything asked for one. */
  backend: string;
  /** Free text for people: `not started`, `initialising`, `ready`, `training`, `failed: …`. */
  state: string;
}

let current: ComputeStatus = { backend: 'none', state: 'not started' };
const listeners = new Set<() => void>();

export function setComputeStatus(next: ComputeStatus): void {
  current = { ...next };
  for (const listener of listeners) listener();
}

export function getComputeStatus(): ComputeStatus {
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useComputeStatus(): ComputeStatus {
  return useSyncExternalStore(subscribe, getComputeStatus);
}
