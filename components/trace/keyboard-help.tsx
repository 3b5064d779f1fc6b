// The trace page's shortcuts, shown with "?".
const SHORTCUTS: ReadonlyArray<[string, string]> = [
  ['↑ / ↓', 'previous / next span'],
  ['← / →', 'collapse / expand the selected span'],
  ['Enter', 'open the span details'],
  ['Esc', 'close the details (or this help)'],
  ['/', 'find in trace'],
  ['?', 'show or hide this help'],
];

export function KeyboardHelp({ onClose }: { onClose: () => void }) {
  return (
    <div className="keyboard-help" role="dialog" aria-label="Keyboard shortcuts">
      <h2>Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys}>
            <dt className="mono">{keys}</dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
