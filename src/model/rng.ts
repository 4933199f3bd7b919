// The seeded PRNG moved to the pure core (src/dataset/rng.ts), where the dataset generator shares it. This re-export
// keeps code not yet switched compiling (src/rl/grpo.ts, in progress); import from src/dataset/rng.ts instead.
export { Rng } from '../dataset/rng.ts';
