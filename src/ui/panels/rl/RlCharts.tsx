// The run's figures, one small chart each (the Train panel's Chart), all spanning the run's steps from the start.
// The y ranges are module constants: a chart is rebuilt when its range object changes.
import { Chart } from '../train/Chart.tsx';
import { chartSteps, FIGURES, type Figure, type RlView } from './view.ts';

/** `scale`: KL is ~1e-5..1e-2, which the axis would label 0, 0, 0: it is drawn in thousandths. */
const CHARTS: Record<Figure, { title: string; label: string; yRange?: [number, number]; scale?: number }> = {
  rewardMean: { title: 'Reward (mean of the stories)', label: 'reward', yRange: [-1.5, 1] },
  accuracy: { title: 'Answers right', label: 'accuracy', yRange: [0, 1] },
  signal: { title: 'Groups with signal (trained on)', label: 'share', yRange: [0, 1] },
  kl: { title: 'KL to the starting model (× 1000)', label: 'KL × 1000', scale: 1000 },
  entropy: { title: 'Entropy (nats per token)', label: 'entropy' },
  responseLength: { title: 'Story length (tokens)', label: 'tokens' },
};

export function RlCharts({ view }: { view: RlView }) {
  const steps = chartSteps(view.run);
  return (
    <div className="rl-charts">
      {FIGURES.map((f) => {
        const { title, label, yRange, scale } = CHARTS[f];
        const ys = scale ? view.series[f].ys.map((y) => y * scale) : view.series[f].ys;
        return <Chart key={f} title={title} label={label} xs={view.series[f].xs} ys={ys} xRange={steps} yRange={yRange} />;
      })}
    </div>
  );
}
