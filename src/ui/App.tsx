// The notebook's layout: header, then one section per pipeline stage. A section mounts the first
// time it is shown and then stays mounted (hidden), so a trace or a training run survives a visit
// to another section. Data, Train, Reinforce, Rank and Repair load on demand: their code (tfjs) is not needed to explore.
import { lazy, Suspense, useState, type ComponentType } from 'react';
import type { Section } from '../experiment/state.ts';
import { Header, SECTION_TITLES } from './Header.tsx';
import { ExplorePanel } from './panels/explore/ExplorePanel.tsx';
import { useExperiment } from './state.ts';

const DataPanel = lazy(() => import('./panels/data/DataPanel.tsx').then((m) => ({ default: m.DataPanel })));
const TrainPanel = lazy(() => import('./panels/train/TrainPanel.tsx').then((m) => ({ default: m.TrainPanel })));
const RlPanel = lazy(() => import('./panels/rl/RlPanel.tsx').then((m) => ({ default: m.RlPanel })));
const RankPanel = lazy(() => import('./panels/rank/RankPanel.tsx').then((m) => ({ default: m.RankPanel })));
const RepairPanel = lazy(() => import('./panels/repair/RepairPanel.tsx').then((m) => ({ default: m.RepairPanel })));

const PANELS: Record<Section, ComponentType> = {
  explore: ExplorePanel,
  data: DataPanel,
  train: TrainPanel,
  rl: RlPanel,
  rank: RankPanel,
  repair: RepairPanel,
};

export function App() {
  const [{ section }] = useExperiment();
  const [visited, setVisited] = useState<readonly Section[]>([section]);
  if (!visited.includes(section)) setVisited([...visited, section]);
  return (
    <>
      <Header />
      <main id="main" tabIndex={-1}>
        {visited.map((s) => {
          const Panel = PANELS[s];
          return (
            <section key={s} className={`panel panel-${s}`} hidden={s !== section} aria-label={SECTION_TITLES[s]}>
              <Suspense fallback={<p>Loading {SECTION_TITLES[s]}…</p>}>
                <Panel />
              </Suspense>
            </section>
          );
        })}
      </main>
    </>
  );
}
