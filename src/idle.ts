/** Runs `task` once the page is idle, at most `timeoutMs` later (at once after this task where idle callbacks are missing). */
export function whenIdle(task: () => void, timeoutMs: number): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: timeoutMs });
  else setTimeout(task, 0);
}
