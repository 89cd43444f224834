/** A dashboard table (from a `TableSpec`) with its CSV export button. */
import { csvFileName } from './csv';
import { tableCsv, type TableSpec } from './dashboard-tables';
import { downloadText } from './download';
import { useI18n } from './i18n';

export function DataTable({ spec, range }: { spec: TableSpec; range: { from: string; to: string } }) {
  const { t } = useI18n();
  const columns = spec.columns.filter((c) => c.show);
  const exportCsv = () => downloadText(csvFileName(spec.id, range.from, range.to), tableCsv(spec));
  return (
    <section class="table-card" data-table={spec.id} aria-labelledby={`table-${spec.id}`}>
      <header>
        <h3 id={`table-${spec.id}`}>{spec.title}</h3>
        <button type="button" onClick={exportCsv} data-csv={spec.id} aria-label={t('table.csvLabel', { table: spec.title })}>
          {t('table.csv')}
        </button>
      </header>
      {spec.rows.length === 0 ? (
        <p class="muted">{t('table.empty')}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.label} scope="col" class={c.numeric ? 'num' : undefined}>{c.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {spec.rows.map((row, i) => (
                <tr key={i}>
                  {columns.map((c, j) => {
                    const text = c.show!(row);
                    const cls = c.numeric ? 'num' : undefined;
                    if (c.bar) {
                      const width = `${Math.max(0, Math.min(100, c.bar(row)))}%`;
                      return (
                        <td key={c.label} class={`${cls ?? ''} bar-cell`}>
                          <span class="bar" style={{ width }} aria-hidden="true" />
                          <span class="bar-text">{text}</span>
                        </td>
                      );
                    }
                    return j === 0 ? <th key={c.label} scope="row">{text}</th> : <td key={c.label} class={cls}>{text}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
