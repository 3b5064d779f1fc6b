// One span of a skeleton as an AnalysisSpan whose fields are read from the columns when asked. A diff built
// from the skeleton (trace-shape-from-skeleton.ts) reads only a span's name and attributes of interest
// (align-traces.ts) and the first span's trace id (pair-diff.ts); building 100k full objects with hex ids and
// bigint times for it (spans-from-skeleton.ts) was the largest cost of the /compare worker's diff. Any other
// reader still gets the values spansFromSkeleton would have given.
import type { AnalysisSpan } from '../analysis/analysis-span';
import type { Attributes } from '../model/any-value';
import type { HostIdentity, SpanLink, SpanRecord } from '../model/span';
import { parentIdAt, spanIdAt, type SkeletonColumns } from '../waterfall/skeleton-columns';

const NO_HOST: HostIdentity = { id: null, name: null, ip: null, serviceInstanceId: null };

/**
 * What a span reads where the columns say nothing; the two skeleton inputs differ here: /compare's
 * (spans-from-skeleton.ts) and the trace page's (toAnalysisSpans in waterfall/build-waterfall.ts).
 */
export interface SkeletonSpanDefaults {
  /** The service of a span whose resource is missing or names none. */
  serviceName: string;
  /** Unix end of an unfinished span (end before start): 0n when true, else the recorded end. */
  unfinishedEndZero: boolean;
  /** Attributes of a span given none (by the attributes of interest). */
  attributes: Attributes | undefined;
  links: SpanLink[] | undefined;
}

/** As spansFromSkeleton: no service is '', times as recorded, no attributes or links. */
export const COMPARE_SPAN_DEFAULTS: SkeletonSpanDefaults = { serviceName: '', unfinishedEndZero: false, attributes: undefined, links: undefined };

/** What every span of one skeleton shares. */
export interface SkeletonSpanSource {
  columns: SkeletonColumns;
  baseUnixNano: bigint;
  defaults: SkeletonSpanDefaults;
}

export class SkeletonSpanView implements AnalysisSpan {
  constructor(
    private readonly source: SkeletonSpanSource,
    /** Index in the skeleton's columns (not the payload position). */
    private readonly index: number,
    readonly attributes: Attributes | undefined,
  ) {}

  get traceId(): string {
    return this.source.columns.traceId;
  }

  get spanId(): string {
    return spanIdAt(this.source.columns, this.index);
  }

  get parentSpanId(): string | null {
    return parentIdAt(this.source.columns, this.index);
  }

  get name(): string {
    const { names, nameIndex } = this.source.columns;
    return names[nameIndex[this.index]!]!;
  }

  get kind(): SpanRecord['kind'] {
    return this.source.columns.kind[this.index]! as SpanRecord['kind'];
  }

  get serviceName(): string {
    return this.resource()?.serviceName ?? this.source.defaults.serviceName;
  }

  get startTimeUnixNano(): bigint {
    return this.source.baseUnixNano + BigInt(this.source.columns.start[this.index]!);
  }

  get endTimeUnixNano(): bigint {
    const { start, end } = this.source.columns;
    if (this.source.defaults.unfinishedEndZero && end[this.index]! < start[this.index]!) return 0n;
    return this.source.baseUnixNano + BigInt(end[this.index]!);
  }

  get statusCode(): SpanRecord['statusCode'] {
    return this.source.columns.statusCode[this.index]! as SpanRecord['statusCode'];
  }

  get statusMessage(): string {
    return this.source.columns.statusMessage[this.index]!;
  }

  get links(): SpanLink[] | undefined {
    return this.source.defaults.links;
  }

  get host(): HostIdentity {
    return this.resource()?.host ?? NO_HOST;
  }

  private resource() {
    const { resources, resourceIndex } = this.source.columns;
    return resources[resourceIndex[this.index]!];
  }
}
