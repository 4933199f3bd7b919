// rank-score@k as a chart: for k = 1..N, the chance that the judge's favourite among k candidates drawn at random is
// really right (the paper's unbiased estimator, src/rank/metrics.ts), the model's line beside the oracle's (the
// judge that knows the real public-test runs). Both start at the random pick (k = 1) and meet the full pick at k = N.
import { useMemo } from 'react';
import { Chart } from '../train/Chart.tsx';

const UNIT: [number, number] = [0, 1];

export function RankCurve({ title, model, oracle }: { title: string; model: number[]; oracle: number[] }) {
  const xs = useMemo(() => model.map((_, i) => i + 1), [model]);
  const also = useMemo(() => ({ label: 'oracle', ys: oracle }), [oracle]);
  return <Chart title={title} label="model" xs={xs} ys={model} yRange={UNIT} also={also} xLabel="k" />;
}
