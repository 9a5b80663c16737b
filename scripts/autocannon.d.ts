// The few autocannon types scripts/load.ts uses (the package ships no declarations).
declare module 'autocannon' {
  namespace autocannon {
    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      workers?: number;
      requests?: { method?: string; path?: string; headers?: Record<string, string>; body?: string }[];
      renderProgressBar?: boolean;
      renderLatencyTable?: boolean;
      renderResultsTable?: boolean;
    }
    interface Histogram {
      average: number;
      total: number;
      p50: number;
      p99: number;
    }
    interface Result {
      requests: Histogram;
      latency: Histogram;
      errors: number;
      timeouts: number;
      non2xx: number;
    }
  }
  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export default autocannon;
}
