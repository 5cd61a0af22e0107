/**
 * The transportation problem the engine solves, in flat typed arrays: supply nodes (listings),
 * demand nodes (requests) and arcs between them, each with an integer gain per unit. Maximise
 * sum(flow x gain) subject to supply and demand caps; nothing has to be shipped.
 */
export interface TransportProblem {
  supply: Float64Array;
  demand: Float64Array;
  arcFrom: Int32Array;
  arcTo: Int32Array;
  arcGain: Float64Array;
  arcCount: number;
}

/** Larger than any total quantity the engine will see, and still exact in a double. */
export const UNBOUNDED = 2 ** 52;
