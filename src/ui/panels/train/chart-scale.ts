// The x scale of the Train panel's charts (Chart.tsx): given the steps a run spans, the axis spans them from the
// start, so a new run's empty accuracy chart already shows its own steps rather than the last model's.
type Span = [number, number] | undefined;

/**
 * A uPlot scale range function: the span `get()` gives, widened to any point outside it; with no span, the data's
 * own extent (uPlot's default for a numeric x scale). uPlot calls it with nulls when there is no data.
 */
export function stepRange(get: () => Span) {
  return (_u: unknown, min: number | null, max: number | null): [number | null, number | null] => {
    const span = get();
    if (!span) return min == null ? [null, null] : [min, max];
    return [min == null ? span[0] : Math.min(span[0], min), max == null ? span[1] : Math.max(span[1], max)];
  };
}
