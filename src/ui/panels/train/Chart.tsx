// A small line chart (uPlot) that redraws when its points change.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export function Chart({ title, xs, ys, label, yRange }: { title: string; xs: number[]; ys: number[]; label: string;
  yRange?: [number, number] }) {
  const el = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  useEffect(() => {
    if (!el.current) return;
    plot.current = new uPlot({
      title, width: 420, height: 200,
      scales: { x: { time: false }, ...(yRange ? { y: { range: yRange } } : {}) },
      series: [{ label: 'step' }, { label, stroke: '#1f5fbf', width: 2, points: { show: true, size: 4 } }],
      axes: [{ label: 'step' }, {}],
    }, [[], []], el.current);
    return () => plot.current?.destroy();
  }, [title, label, yRange]);
  useEffect(() => {
    plot.current?.setData([xs, ys]);
  }, [xs, ys]);
  return <div ref={el} role="img" aria-label={`${title}: ${ys.length ? `${label} ${ys[ys.length - 1]!.toFixed(3)} at step ${xs[xs.length - 1]}` : 'no data yet'}`} />;
}
