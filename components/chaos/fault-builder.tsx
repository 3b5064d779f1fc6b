'use client';
// A row of the experiment form that appends one fault to the method: agent (from the registered ones),
// route, type with its main parameter (delay for latency, status for error), probability and timing.
import { useState } from 'react';
import { HTTP_FAULT_TYPES, type FaultStep } from '@/lib/domain/chaos/experiment-schema';

export function FaultBuilder({ agents, onAdd, disabled }: { agents: readonly string[]; onAdd: (step: FaultStep) => void; disabled: boolean }) {
  const [agent, setAgent] = useState(agents[0] ?? '');
  const [route, setRoute] = useState('');
  const [type, setType] = useState<(typeof HTTP_FAULT_TYPES)[number]>('latency');
  const [amount, setAmount] = useState(800);
  const [percent, setPercent] = useState(50);
  const [offset, setOffset] = useState(0);
  const [duration, setDuration] = useState('');
  const add = () => {
    const parameter = type === 'latency' ? { delayMs: amount } : type === 'error' ? { status: amount } : type === 'bandwidth' ? { bytesPerSecond: amount } : {};
    onAdd({
      agent,
      route,
      fault: { type, ...parameter, probability: percent / 100 },
      startOffsetSeconds: offset,
      ...(duration ? { durationSeconds: Number(duration) } : {}),
    });
  };
  return (
    <fieldset className="chaos-form" disabled={disabled}>
      <legend>Add a fault</legend>
      <label>
        Agent
        <input aria-label="Fault agent" list="chaos-agents" value={agent} onChange={(e) => setAgent(e.target.value)} size={12} />
        <datalist id="chaos-agents">
          {agents.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </label>
      <label>
        Route <input aria-label="Fault route" value={route} onChange={(e) => setRoute(e.target.value)} size={10} />
      </label>
      <label>
        Type
        <select aria-label="Fault type" value={type} onChange={(e) => setType(e.target.value as typeof type)}>
          {HTTP_FAULT_TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
      {(type === 'latency' || type === 'error' || type === 'bandwidth') && (
        <label>
          {type === 'latency' ? 'Delay (ms)' : type === 'error' ? 'Status' : 'Bytes/s'}
          <input aria-label="Fault amount" type="number" value={amount} onChange={(e) => setAmount(Number(e.target.value))} style={{ width: 80 }} />
        </label>
      )}
      <label>
        % of requests <input aria-label="Fault percent" type="number" min={0} max={100} value={percent} onChange={(e) => setPercent(Number(e.target.value))} style={{ width: 60 }} />
      </label>
      <label>
        From +s <input aria-label="Fault offset" type="number" min={0} value={offset} onChange={(e) => setOffset(Number(e.target.value))} style={{ width: 60 }} />
      </label>
      <label>
        For s <input aria-label="Fault duration" type="number" min={1} placeholder="rest" value={duration} onChange={(e) => setDuration(e.target.value)} style={{ width: 60 }} />
      </label>
      <button type="button" onClick={add} disabled={!agent || !route}>
        Add fault
      </button>
    </fieldset>
  );
}
