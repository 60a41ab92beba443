/** A queue job that failed for good, as admins see it (`GET /api/dead-letters`). */
export interface DeadLetterDto {
  id: string;
  queue: string;
  /** The job's kind within its queue (`ingest`, `deliver`, `status`…). */
  name: string;
  jobId: string;
  /** The job's payload; values under secret-looking keys (tokens, passwords) are masked. */
  data: Record<string, unknown>;
  attempts: number;
  error: string;
  failedAt: string;
  replayedAt: string | null;
}
