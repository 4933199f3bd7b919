// A small bar histogram drawn with uPlot (canvas; fast for thousands of samples).
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Histogram as Hist } from '../../../dataset/stats.ts';

export function Histogram({ title, hist, unit }: { title: string; hist: Hist; unit: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el || !hist.counts.length) return;
    const width = hist.edges.length > 1 ? hist.edges[1]! - hist.edges[0]! : 1;
    const plot = new uPlot({
      width: 320,
      height: 160,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [0, (hist.edges.at(-1) ?? 0) + width] } },
      axes: [{ label: unit, size: 40 }, { size: 50 }],
      series: [{}, { label: 'samples', stroke: '#3465a4', fill: 'rgba(52, 101, 164, 0.4)', paths: uPlot.paths.bars!({ size: [1, Infinity], align: 1 }), points: { show: false } }],
    }, [hist.edges, hist.counts], el);
    return () => plot.destroy();
  }, [hist, unit]);
  const total = hist.counts.reduce((s, c) => s + c, 0);
  return (
    <figure className="data-hist">
      <figcaption>{title}</figcaption>
      <div ref={host} role="img" aria-label={`${title}: histogram of ${total} samples`} />
    </figure>
  );
}
