// The person's own work in the Explorer: what loads at start (their saved code, or the first example), what a link
// or a broken link does to it (moved aside into a stash that can be restored, never overwritten), a program opened
// from another panel (a handoff: theirs, since they asked for it), and saving as they edit.
// Saving starts with the person's first own action, so a link or a broken link never overwrites saved work; code
// from a link (or the empty editor of a broken one) is saved only once the person edits the code: running it or
// changing its limits does not make it theirs.
import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import type { ExperimentState } from '../../../experiment/state.ts';
import { hasHandoff, subscribeHandoff, takeHandoff, type Handoff } from '../../handoff.ts';
import { useExperiment, useLinkInfo } from '../../state.ts';
import { EXAMPLES } from './examples.ts';
import { clearStash, loadWork, saveWork, stashBeforeLink, type SavedWork } from './persist.ts';

type Explore = ExperimentState['explore'];

export interface SavedWorkHooks {
  /** New code arrived (a link, a restore): the trace on screen no longer belongs to it. */
  onNewCode: () => void;
  /** A program handed over by another panel is in place. */
  onHandoff: (h: Handoff) => void;
}

export function useSavedWork(hooks: SavedWorkHooks) {
  const [exp, update] = useExperiment();
  const ex = exp.explore;
  const link = useLinkInfo();
  /** Set while code from a link waits for its first Run; holds the step the link pointed at. */
  const [linkStep, setLinkStep] = useState<number | null>(null);
  /** The person's own saved work, moved aside by a link or hidden by a broken one. */
  const [stash, setStash] = useState<SavedWork | null>(null);
  const persistOn = useRef(false);
  const linkCodeUnedited = useRef(false);
  const handledArrivals = useRef(-1);
  const onNewCode = useEffectEvent(() => hooks.onNewCode());
  const onHandoff = useEffectEvent((h: Handoff) => hooks.onHandoff(h));

  // A link arriving (at start-up or pasted later) is an outside event that also involves localStorage,
  // hence an effect that sets state, once per arrival.
  useEffect(() => {
    if (handledArrivals.current === link.arrivals) return;
    const first = handledArrivals.current === -1;
    handledArrivals.current = link.arrivals;
    // A link from another section may carry no program (its sender never opened Explore): then the
    // person's own work loads as usual.
    if (link.state && link.state.explore.code !== '') {
      linkCodeUnedited.current = true;
      // eslint-disable-next-line react-hooks/set-state-in-effect -- see above: once per link arrival
      setStash(stashBeforeLink(link.state.explore.code));
      setLinkStep(link.state.explore.step);
      onNewCode();
    } else if (first && link.error) {
      linkCodeUnedited.current = true;
      setStash(stashBeforeLink(''));
    } else if (first && hasHandoff()) {
      linkCodeUnedited.current = false; // the handoff effect below puts the other panel's program in place
    } else if (first || link.state) {
      linkCodeUnedited.current = false;
      const saved = loadWork();
      const example = EXAMPLES[0]!;
      update('explore', saved ?? { code: example.code, stdin: example.stdin });
    }
  }, [link, update]);

  // A program opened from another panel (a prediction, a sample): the person asked for it, so it is theirs.
  useEffect(() => {
    const arrive = () => {
      const h = takeHandoff();
      if (!h) return;
      persistOn.current = true;
      linkCodeUnedited.current = false;
      update('explore', { code: h.code, stdin: h.stdin, step: 0 });
      onHandoff(h);
    };
    arrive();
    return subscribeHandoff(arrive);
  }, [update]);

  useEffect(() => {
    if (persistOn.current && !linkCodeUnedited.current) saveWork({ code: ex.code, stdin: ex.stdin, maxSteps: ex.maxSteps, timeoutMs: ex.timeoutMs });
  }, [ex.code, ex.stdin, ex.maxSteps, ex.timeoutMs]);

  /** The person's own change: from now on their work is saved (code from a link once they edit it). */
  const edit = useCallback(
    (patch: Partial<Explore>) => {
      persistOn.current = true;
      if (patch.code !== undefined) linkCodeUnedited.current = false;
      update('explore', patch);
    },
    [update],
  );

  const restoreStash = () => {
    if (!stash) return;
    edit({ code: stash.code, stdin: stash.stdin, maxSteps: stash.maxSteps, timeoutMs: stash.timeoutMs });
    clearStash();
    setStash(null);
    setLinkStep(null);
    hooks.onNewCode();
  };

  return { link, stash, linkStep, setLinkStep, edit, restoreStash };
}
