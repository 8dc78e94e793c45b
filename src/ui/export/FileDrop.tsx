/**
 * Files dropped anywhere on the page: a configuration (.json, from Export → Configuration) is
 * loaded; any other file goes to the CSV upload, as if dropped on its zone — instead of the
 * browser leaving the page to show the file. While files are dragged over the page a banner
 * says so. A configuration dropped on the CSV zone is still a configuration (caught first).
 */
import { useEffect, useState } from 'react';
import { controller } from '../../state/controllerInstance';
import './export.css';

/** Is this file (by name or type) meant as a configuration rather than data? */
const isConfigFile = (file: File): boolean => /\.json$/i.test(file.name) || file.type === 'application/json';
const hasFiles = (e: DragEvent): boolean => Array.from(e.dataTransfer?.types ?? []).includes('Files');

export function FileDrop() {
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent): void => { if (hasFiles(e)) { depth++; setOver(true); } };
    const leave = (e: DragEvent): void => { if (hasFiles(e) && --depth <= 0) { depth = 0; setOver(false); } };
    // Allowing the drop everywhere (the default would open the file in place of the page).
    const overPage = (e: DragEvent): void => { if (hasFiles(e)) e.preventDefault(); };
    // Capture: a configuration is caught before the CSV zone would read it as data.
    const dropConfig = (e: DragEvent): void => {
      const f = e.dataTransfer?.files[0];
      if (!f || !isConfigFile(f)) return;
      e.preventDefault();
      e.stopPropagation();
      depth = 0;
      setOver(false);
      void controller().loadConfig(f);
    };
    // Bubble: whatever the CSV zone did not take.
    const dropData = (e: DragEvent): void => {
      depth = 0;
      setOver(false);
      if (e.defaultPrevented) return;
      const f = e.dataTransfer?.files[0];
      if (!f) return;
      e.preventDefault();
      void controller().uploadFile(f);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', overPage);
    window.addEventListener('drop', dropConfig, true);
    window.addEventListener('drop', dropData);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', overPage);
      window.removeEventListener('drop', dropConfig, true);
      window.removeEventListener('drop', dropData);
    };
  }, []);
  return over ? <div className="file-drop" aria-hidden="true">Drop a configuration (.json) to load it, or a CSV to fit its data</div> : null;
}
