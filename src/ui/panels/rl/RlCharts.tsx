// The run's figures, one small chart each (the Train panel's Chart), all spanning the run's steps from the start.
// The y ranges are module constants: a chart is rebuilt when its range object changes.
import { Chart } from '../train/Chart.tsx';
import { chartSteps, FIGURES, type Figure, type RlView } from './view.ts';

const CHARTS: Record<Figure, { title: string; label: string; yRange?: [number, number] }> = {
  rewardMean: { title: 'Reward (mean of the stories)', label: 'reward', yRange: [-1.5, 1] },
  accuracy: { title: 'Answers right', label: 'accuracy', yRange: [0, 1] },
  signal: { title: 'Groups with signal (trained on)', label: 'share', yRange: [0, 1] },
  kl: { title: 'KL to the starting model', label: 'KL' },
  entropy: { title: 'Entropy (nats per token)', label: 'entropy' },
  responseLength: { title: 'Story length (tokens)', label: 'tokens' },
};

export function RlCharts({ view }: { view: RlView }) {
  const steps = chartSteps(view.run);
  return (
    <div className="rl-charts">
      {FIGURES.map((f) => (
        <Chart key={f} title={CHARTS[f].title} label={CHARTS[f].label} xs={view.series[f].xs} ys={view.series[f].ys} xRange={steps}
          yRange={CHARTS[f].yRange} />
      ))}
    </div>
  );
}
