import { describe, expect, it } from 'vitest';
import { CallAbort } from './call-signal.js';

describe('a call signal', () => {
  it('runs each listener still attached once, with the first reason, and none added after it aborted', () => {
    const signal = new CallAbort();
    const calls: string[] = [];
    const removed = () => calls.push('removed');
    signal.addEventListener('abort', () => calls.push(`first ${String(signal.reason)}`));
    signal.addEventListener('abort', removed);
    signal.addEventListener('abort', () => calls.push('second'));
    signal.removeEventListener('abort', removed);
    signal.abort('timeout');
    signal.abort('client gone');
    signal.addEventListener('abort', () => calls.push('late'));
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('timeout');
    expect(calls).toEqual(['first timeout', 'second']);
  });
});
