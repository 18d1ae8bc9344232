// Estimated wait = moving average of recent handling times × people ahead ÷ open windows serving it.
import type { QueueState } from './types.js';

export function averageHandlingMinutes(state: QueueState, serviceId: string): number {
  const recent = state.handling.get(serviceId);
  if (!recent || recent.length === 0) return state.rules.defaultHandlingMinutes;
  return recent.reduce((a, b) => a + b, 0) / recent.length;
}

export function openWindowsServing(state: QueueState, serviceId: string): number {
  let n = 0;
  for (const def of state.windowDefs.values()) {
    if (def.services.includes(serviceId) && state.windows.get(def.id)?.status === 'open') n++;
  }
  return n;
}

export function estimatedWaitMinutes(state: QueueState, serviceId: string, ahead: number): number {
  const windows = Math.max(1, openWindowsServing(state, serviceId));
  return Math.ceil((averageHandlingMinutes(state, serviceId) * ahead) / windows);
}

/** Records a finished visit's handling time into the moving-average sample. */
export function recordHandling(state: QueueState, serviceId: string, minutes: number): void {
  const recent = state.handling.get(serviceId) ?? [];
  recent.push(minutes);
  while (recent.length > state.rules.handlingSample) recent.shift();
  state.handling.set(serviceId, recent);
}
