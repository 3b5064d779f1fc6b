// Counts per-item rejections by reason and phrases them for OTLP's partialSuccess.errorMessage.
export class Rejections {
  private readonly reasons = new Map<string, number>();
  count = 0;

  add(reason: string): void {
    this.count++;
    this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
  }

  /** e.g. "2 rejected: invalid trace id (1), end time before start time (1)"; '' when nothing was rejected. */
  message(): string {
    if (this.count === 0) return '';
    const parts = [...this.reasons].map(([reason, n]) => `${reason} (${n})`);
    return `${this.count} rejected: ${parts.join(', ')}`;
  }
}
