/** Applying an accepted upload to the store: the data source switches to the file's columns. */
import type { CsvInfo } from '../worker/protocol';
import { useStore } from './store';

export function applyUpload(uploadId: number, fileName: string, text: string, info: CsvInfo): void {
  const st = useStore.getState();
  const same = st.upload?.uploadId === uploadId;
  if (same) return;
  // Keep the states a link asked for when the file has them; otherwise take every state column.
  const wanted = st.settings.source === 'upload' && st.settings.file === fileName ? st.settings.stateColumns.filter((c) => info.stateNames.includes(c)) : [];
  useStore.setState({
    upload: { uploadId, fileName, text, info },
    settings: { ...st.settings, source: 'upload', file: fileName, timeColumn: info.timeName, stateColumns: wanted.length ? wanted : [...info.stateNames] },
  });
  const traj = info.nTrajectories > 1 ? ` in ${info.nTrajectories} trajectories` : '';
  st.addNote('note', `Loaded '${fileName}': ${info.nRows.toLocaleString('en')} rows${traj}, time '${info.timeName}', states ${info.stateNames.join(', ')}.`, 'upload');
}
