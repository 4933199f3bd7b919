// A small line chart (uPlot) that redraws when its points change and fits its box (420 px at most), so
// two sit side by side on a laptop and one fits a phone. `xRange`: the steps the x-axis spans even before
// any point is drawn (chart-scale.ts). `also`: a second line over the same xs (drawn dashed, in grey), and
// `xLabel` names the x-axis when it is not training steps.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { stepRange } from './chart-scale.ts';

const MAX_WIDTH = 420;
const HEIGHT = 200;

export interface SecondLine { label: string; ys: number[] }

export function Chart({ title, xs, ys, label, xRange, yRange, also, xLabel = 'step' }: { title: string; xs: number[]; ys: number[];
  label: string; xRange?: [number, number]; yRange?: [number, number]; also?: SecondLine; xLabel?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const alsoLabel = also?.label;
  const alsoYs = also?.ys;
  const plot = useRef<uPlot | null>(null);
  /** The x span now, read by the scale whenever the plot rescales. */
  const span = useRef<[number, number] | undefined>(undefined);
  useEffect(() => {
    const box = el.current;
    if (!box) return;
    // A hidden panel measures 0: draw at full width until it is shown (the observer then resizes).
    const width = () => Math.min(MAX_WIDTH, box.clientWidth || MAX_WIDTH);
    plot.current = new uPlot({
      title, width: width(), height: HEIGHT,
      scales: { x: { time: false, range: stepRange(() => span.current) }, ...(yRange ? { y: { range: yRange } } : {}) },
      series: [{ label: xLabel }, { label, stroke: '#1f5fbf', width: 2, points: { show: true, size: 4 } },
        ...(alsoLabel === undefined ? [] : [{ label: alsoLabel, stroke: '#777', width: 2, dash: [6, 4], points: { show: true, size: 4 } }])],
      axes: [{ label: xLabel }, {}],
    }, alsoLabel === undefined ? [[], []] : [[], [], []], box);
    const resize = new ResizeObserver(() => {
      if (box.clientWidth && plot.current && plot.current.width !== width()) plot.current.setSize({ width: width(), height: HEIGHT });
    });
    resize.observe(box);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
    };
  }, [title, label, yRange, alsoLabel, xLabel]);
  const [x0, x1] = xRange ?? [];
  // Also after the plot above is rebuilt (a new title, label or range), which starts it empty: this effect runs
  // after that one, so the new plot gets the points at once.
  useEffect(() => {
    span.current = x0 === undefined || x1 === undefined ? undefined : [x0, x1];
    plot.current?.setData(alsoYs ? [xs, ys, alsoYs] : [xs, ys]);
  }, [xs, ys, alsoYs, x0, x1, title, label, yRange, alsoLabel, xLabel]);
  return <div ref={el} className="train-chart" role="img" aria-label={`${title}: ${ys.length ? `${label} ${ys[ys.length - 1]!.toFixed(3)}${also?.ys.length ? `, ${also.label} ${also.ys[also.ys.length - 1]!.toFixed(3)}` : ''} at ${xLabel} ${xs[xs.length - 1]}` : 'no data yet'}`} />;
}
