"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { JobProgress as Progress } from "@/lib/jobs/queries";

const POLL_MS = 1000;
const numberFormat = new Intl.NumberFormat("en");

/**
 * Renders a job's progress bar and polls the progress route every second
 * while the job runs. When the job is done it refreshes the page once, so the
 * server renders the results table.
 */
export function JobProgress({ jobId, initial }: { jobId: number; initial: Progress }) {
  const router = useRouter();
  const [progress, setProgress] = useState(initial);
  const [pollError, setPollError] = useState(false);
  const running = progress.status !== "done";

  useEffect(() => {
    if (!running) return;
    let cancelled = false;
    const timer = setInterval(async () => {
      try {
        const response = await fetch(`/admin/jobs/${jobId}/progress`, { cache: "no-store" });
        if (!response.ok) throw new Error(`progress request returned ${response.status}`);
        const next = (await response.json()) as Progress;
        if (cancelled) return;
        setPollError(false);
        setProgress(next);
        if (next.status === "done") router.refresh();
      } catch {
        if (!cancelled) setPollError(true);
      }
    }, POLL_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [jobId, running, router]);

  const percent = progress.total > 0 ? Math.round((progress.processed / progress.total) * 100) : 100;
  const text = `${numberFormat.format(progress.processed)} of ${numberFormat.format(progress.total)}`;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span id="job-progress-label" className="font-medium">
          {running ? "Working through the parents…" : "Finished"}
        </span>
        <span>
          {text} ({percent} %)
        </span>
      </div>
      <div
        role="progressbar"
        aria-labelledby="job-progress-label"
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={progress.processed}
        aria-valuetext={`${text} parents processed`}
        className="h-4 w-full overflow-hidden rounded-full bg-zinc-200"
      >
        <div className="h-full bg-blue-700 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <p role="status" className="text-sm text-zinc-700">
        {running ? null : `All ${numberFormat.format(progress.total)} parents processed.`}
        {pollError ? "The progress could not be refreshed. Retrying every second." : null}
      </p>
    </div>
  );
}
