"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/actions";

/**
 * Returns whichever of several forms' results changed last, so a section
 * with several buttons shows one current message instead of a stale pile.
 */
export function useLatestResult(results: ActionResult[]): ActionResult {
  const [previous, setPrevious] = useState(results);
  const [latest, setLatest] = useState<ActionResult>(null);
  const changedIndex = results.findIndex((result, index) => result !== previous[index]);
  if (changedIndex !== -1) {
    // Updating state during render is React's pattern for reacting to a
    // changed value without an extra effect pass.
    setPrevious(results);
    setLatest(results[changedIndex]);
  }
  return changedIndex === -1 ? latest : results[changedIndex];
}
