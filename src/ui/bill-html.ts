/**
 * The monthly bill as an HTML table. One function for the build (the chapter's first bill,
 * readable without JavaScript) and the browser (the bill after each simulator run).
 */
import type { Bill, BillLine } from '../pricing/bill.ts';
import { escapeHtml, formatNumber, formatUnitPrice, formatUsd } from './format.ts';

/** Escapes text and shows `backticked` names as code. */
function prose(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function sourceLink(line: BillLine): string {
  if (!line.source) return 'no source';
  const label = escapeHtml(line.source.label);
  const title = line.sourceLocation ? ` title="${escapeHtml(line.sourceLocation)}"` : '';
  return line.source.url
    ? `<a href="${escapeHtml(line.source.url)}"${title} rel="noopener">${label}</a>`
    : `<span${title}>${label}</span>`;
}

function componentCell(line: BillLine): string {
  const provenance =
    line.status === 'priced'
      ? `<div class="bill-meta">Price as of ${escapeHtml(line.asOf ?? 'unknown')} · ${sourceLink(line)}${line.derivation === 'derived' ? ' · derived from a total' : ''}</div>`
      : '';
  const notes = line.notes.map((note) => `<div class="bill-note">${prose(note)}</div>`).join('');
  return `<th scope="row"><span class="bill-component">${escapeHtml(line.component)}</span>${provenance}${notes}</th>`;
}

const SINGULAR_UNITS: Readonly<Record<string, string>> = {
  hours: 'hour',
  'address-hours': 'address-hour',
  'hosted zones': 'hosted zone',
  'vCPU-hours': 'vCPU-hour',
};

function lineRow(line: BillLine): string {
  const quantity = formatNumber(line.usageQuantity, line.usageQuantity < 10 ? 2 : 0);
  const unit =
    line.usageQuantity === 1 ? (SINGULAR_UNITS[line.usageUnit] ?? line.usageUnit) : line.usageUnit;
  const usage = `<td class="num">${quantity} ${escapeHtml(unit)}</td>`;
  if (line.status === 'missing') {
    const reason = prose(line.missingReason ?? 'The price snapshot has no row for this.');
    return `<tr data-line="${escapeHtml(line.id)}" data-status="missing">${componentCell(line)}${usage}
<td colspan="2"><span class="bill-missing">Price missing</span><div class="bill-note">${reason}</div></td></tr>`;
  }
  return `<tr data-line="${escapeHtml(line.id)}" data-status="priced">${componentCell(line)}${usage}
<td class="num">${formatUnitPrice(line.unitPriceUsd ?? 0)}<div class="bill-note">per ${escapeHtml(line.priceUnit)}</div></td>
<td class="num">${formatUsd(line.monthlyUsd ?? 0)}</td></tr>`;
}

export function renderBillTable(bill: Bill): string {
  const missingCount = bill.missing.length;
  const excluded = [
    ...(missingCount > 0
      ? [`${missingCount} missing ${missingCount === 1 ? 'price' : 'prices'}`]
      : []),
    ...bill.notIncluded.map((charge) => prose(charge)),
  ];
  const totalNote = bill.complete
    ? ''
    : `<div class="bill-note">Excludes, so the real bill is higher: ${excluded.join('; ')}</div>`;
  return `<div class="bill-scroll"><table class="bill-table">
<caption class="sr-only">Monthly bill, ${escapeHtml(bill.region)}, in US dollars</caption>
<thead><tr><th scope="col">Component</th><th scope="col" class="num">Usage per month</th><th scope="col" class="num">Unit price</th><th scope="col" class="num">Per month</th></tr></thead>
<tbody>${bill.lines.map(lineRow).join('')}</tbody>
<tfoot><tr><th scope="row" colspan="3">Total per month${bill.complete ? '' : ' (incomplete)'}${totalNote}</th><td class="num" data-bill-total>${formatUsd(bill.totalUsd)}</td></tr></tfoot>
</table></div>`;
}
