/**
 * Cost of adding one message to a transcript that already holds `size` messages (W1's src/transcript.ts), in Node.
 * Each sample is one upsert plus reading `messages` (the snapshot the element renders from), timed alone; the
 * message is removed afterwards (untimed) so every sample sees the same size.
 */
import { performance } from 'node:perf_hooks';
import { Transcript } from '../src/transcript.js';
import type { ChatMessage } from '../src/model.js';

const START = Date.parse('2025-01-01T00:00:00.000Z');

function message(i: number, timeMs: number, role: ChatMessage['role'] = 'agent'): ChatMessage {
  return {
    id: `m-${i}`,
    direction: role === 'guest' ? 'inbound' : 'outbound',
    role,
    text: `message number ${i} with a sentence of ordinary length to keep it realistic`,
    content: [],
    time: new Date(timeMs).toISOString(),
    state: 'sent',
    sender: role === 'guest' ? undefined : { name: 'Alex' },
  };
}

/** A transcript of `size` messages, one second apart, alternating guest and agent. */
function filled(size: number): Transcript {
  const transcript = new Transcript();
  for (let i = 0; i < size; i++) transcript.upsert(message(i, START + i * 1000, i % 2 ? 'agent' : 'guest'));
  void transcript.messages;
  return transcript;
}

function timeOne(transcript: Transcript, incoming: ChatMessage): number {
  const t0 = performance.now();
  transcript.upsert(incoming);
  void transcript.messages.length;
  const elapsed = performance.now() - t0;
  transcript.remove(incoming.id);
  void transcript.messages;
  return elapsed;
}

/** Samples (ms) per scenario: the newest message at the end, and a late one that lands mid-transcript. */
export async function measureTranscriptAppend(size: number, appends: number): Promise<Record<string, number[]>> {
  const transcript = filled(size);
  const newest: number[] = [];
  const late: number[] = [];
  // Warm-up so the JIT has compiled the paths being measured.
  for (let i = 0; i < 500; i++) timeOne(transcript, message(size + i, START + size * 1000 + i));
  for (let i = 0; i < appends; i++) {
    newest.push(timeOne(transcript, message(size + i, START + size * 1000 + i)));
    // Arrives late: channel time between two existing messages (e.g. a reordered frame or a history page).
    late.push(timeOne(transcript, message(size + appends + i, START + Math.floor(size / 2) * 1000 + 500)));
  }
  return { 'newest (upsert + snapshot)': newest, 'late, mid-transcript (upsert + snapshot)': late };
}
