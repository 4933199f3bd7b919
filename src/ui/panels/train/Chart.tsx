// A small line chart (uPlot) that redraws when its points change and fits its box (420 px at most), so
// two sit side by side on a laptop and one fits a phone. `xRange`: the steps the x-axis spans even before
// any point is drawn (chart-scale.ts).
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { stepRange } from './chart-scale.ts';

const MAX_WIDTH = 420;
const HEIGHT = 200;

export function Chart({ title, xs, ys, label, xRange, yRange }: { title: string; xs: number[]; ys: number[]; label: string;
  xRange?: [number, number]; yRange?: [number, number] }) {
  const el = useRef<HTMLDivElement>(null);
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
      series: [{ label: 'step' }, { label, stroke: '#1f5fbf', width: 2, points: { show: true, size: 4 } }],
      axes: [{ label: 'step' }, {}],
    }, [[], []], box);
    const resize = new ResizeObserver(() => {
      if (box.clientWidth && plot.current && plot.current.width !== width()) plot.current.setSize({ width: width(), height: HEIGHT });
    });
    resize.observe(box);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
    };
  }, [title, label, yRange]);
  const [x0, x1] = xRange ?? [];
  useEffect(() => {
    span.current = x0 === undefined || x1 === undefined ? undefined : [x0, x1];
    plot.current?.setData([xs, ys]);
  }, [xs, ys, x0, x1]);
  return <div ref={el} className="train-chart" role="img" aria-label={`${title}: ${ys.length ? `${label} ${ys[ys.length - 1]!.toFixed(3)} at step ${xs[xs.length - 1]}` : 'no data yet'}`} />;
}
