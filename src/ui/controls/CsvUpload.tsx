/**
 * CSV upload: drag-and-drop or the file picker, a preview of the first rows, the choice of
 * the time column and of the state columns. A rejected file leaves the previous data loaded
 * (the message names the row and column of the defect).
 */
import { useState, type DragEvent } from 'react';
import { controller } from '../../state/controllerInstance';
import { useStore } from '../../state/store';

export function CsvUpload({ hidden }: { hidden: boolean }) {
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) void controller().uploadFile(f);
  };
  return (
    <div hidden={hidden} className="csv-upload">
      <label className={`dropzone ${over ? 'over' : ''}`} onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)} onDrop={onDrop}>
        <input type="file" accept=".csv,.tsv,.txt,text/csv" data-testid="csv-upload"
          onChange={(e) => { const f = e.target.files?.[0]; if (f) void controller().uploadFile(f); e.target.value = ''; }} />
        <span><strong>Drop a CSV here</strong> or choose a file</span>
        <span className="muted small">Header row, a time column (t or time), one column per state; optional trajectory column.</span>
      </label>
      <Preview />
      <ColumnRoles />
    </div>
  );
}

function Preview() {
  const preview = useStore((s) => s.preview);
  if (!preview) return null;
  return (
    <div className="csv-preview">
      <p className="small"><strong>{preview.fileName}</strong>{preview.error ? <span className="warn"> — not loaded</span> : null}</p>
      <div className="table-scroll" tabIndex={0} aria-label={`First rows of ${preview.fileName}`}>
        <table>
          <thead><tr>{preview.columns.map((c, k) => <th key={k} scope="col">{c}</th>)}</tr></thead>
          <tbody>{preview.rows.slice(0, 6).map((r, i) => <tr key={i}>{r.map((v, k) => <td key={k}>{v}</td>)}</tr>)}</tbody>
        </table>
      </div>
    </div>
  );
}

function ColumnRoles() {
  const upload = useStore((s) => s.upload);
  const states = useStore((s) => s.settings.stateColumns);
  const setSettings = useStore((s) => s.setSettings);
  if (!upload) return null;
  const { info } = upload;
  const candidates = info.columns.filter((c) => c.toLowerCase() !== 'trajectory');
  return (
    <fieldset className="grid-fields">
      <legend>Columns of {upload.fileName}</legend>
      <div className="field">
        <label htmlFor="time-col">Time column</label>
        <select id="time-col" value={info.timeName} onChange={(e) => controller().setTimeColumn(e.target.value)}>
          {candidates.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      </div>
      <div className="field" role="group" aria-label="State columns">
        <span className="field-label">States</span>
        <div className="chips">
          {info.stateNames.map((c) => (
            <label key={c} className="chip">
              <input type="checkbox" checked={states.includes(c)}
                onChange={(e) => {
                  const next = e.target.checked ? info.stateNames.filter((n) => n === c || states.includes(n)) : states.filter((n) => n !== c);
                  if (next.length) setSettings({ stateColumns: next });
                }} />
              {c}
            </label>
          ))}
        </div>
      </div>
    </fieldset>
  );
}
