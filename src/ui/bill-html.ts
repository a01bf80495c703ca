/**
 * The monthly bill as an HTML table. One function for the build (the chapter's first bill,
 * readable without JavaScript) and the browser (the bill after each simulator run).
 */
import type { Bill, BillLine } from '../pricing/bill.ts';
import { escapeHtml, formatNumber, formatUnitPrice, formatUsd } from './format.ts';

function sourceCell(line: BillLine): string {
  if (!line.source) return '–';
  const label = escapeHtml(line.source.label);
  const title = line.sourceLocation ? ` title="${escapeHtml(line.sourceLocation)}"` : '';
  return line.source.url
    ? `<a href="${escapeHtml(line.source.url)}"${title} rel="noopener">${label}</a>`
    : `<span${title}>${label}</span>`;
}

function lineRow(line: BillLine): string {
  const usage = `${formatNumber(line.usageQuantity, line.usageQuantity < 10 ? 2 : 0)} ${escapeHtml(line.usageUnit)}`;
  const notes = line.notes.length
    ? `<div class="bill-note">${line.notes.map(escapeHtml).join(' ')}</div>`
    : '';
  if (line.status === 'missing') {
    const reason = escapeHtml(line.missingReason ?? 'The price snapshot has no row for this.');
    return `<tr data-line="${escapeHtml(line.id)}" data-status="missing">
<td>${escapeHtml(line.component)}${notes}</td><td class="num">${usage}</td>
<td colspan="2"><span class="bill-missing">Price missing</span><div class="bill-note">${reason}</div></td>
<td>–</td><td>–</td></tr>`;
  }
  const derived = line.derivation === 'derived' ? ' <span class="bill-note">(derived)</span>' : '';
  return `<tr data-line="${escapeHtml(line.id)}" data-status="priced">
<td>${escapeHtml(line.component)}${notes}</td><td class="num">${usage}</td>
<td class="num">${formatUnitPrice(line.unitPriceUsd ?? 0)} per ${escapeHtml(line.priceUnit)}${derived}</td>
<td class="num">${formatUsd(line.monthlyUsd ?? 0)}</td>
<td>${escapeHtml(line.asOf ?? '–')}</td><td>${sourceCell(line)}</td></tr>`;
}

export function renderBillTable(bill: Bill): string {
  const missingCount = bill.missing.length;
  const totalNote = bill.complete
    ? ''
    : `<div class="bill-note">Excludes ${missingCount} missing ${missingCount === 1 ? 'price' : 'prices'}: the real bill is higher.</div>`;
  return `<div class="bill-scroll"><table class="bill-table">
<caption class="sr-only">Monthly bill, ${escapeHtml(bill.region)}, in US dollars</caption>
<thead><tr><th scope="col">Component</th><th scope="col" class="num">Usage per month</th><th scope="col" class="num">Unit price</th><th scope="col" class="num">Monthly cost</th><th scope="col">Price as of</th><th scope="col">Source</th></tr></thead>
<tbody>${bill.lines.map(lineRow).join('')}</tbody>
<tfoot><tr><td colspan="3">Total per month${bill.complete ? '' : ' (incomplete)'}</td><td class="num" data-bill-total>${formatUsd(bill.totalUsd)}</td><td colspan="2">${totalNote}</td></tr></tfoot>
</table></div>`;
}
