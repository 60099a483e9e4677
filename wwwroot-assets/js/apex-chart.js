// Creates, updates and destroys ApexCharts charts for the ApexChart Blazor component.
// Options arrive as JSON; the "dashboard" key names value formatters, since functions cannot travel as JSON.
// Each drawing ApexCharts finishes (the first, an update, a redraw at a new width) sets data-chart-drawn on the chart's
// element to the version of the options it drew, and data-chart-width to the width it drew at; the component renders
// the version it gave last as data-chart-version. Whoever needs the chart on screen as asked for (browser tests,
// screenshots) waits for the versions to be equal and the width to be the element's.

const numberFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const hoursFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });

const formatters = {
    integer: value => value == null ? "" : numberFormat.format(value),
    hours: value => value == null ? "" : `${hoursFormat.format(value)} h`,
    percent: value => value == null ? "" : `${hoursFormat.format(value)}%`,
    // Chart positions start at 1; an axis that starts at 0 (to keep #1 off the edge) leaves 0 unlabelled.
    rank: value => value == null || value < 1 ? "" : `#${Math.round(value)}`,
};

function prepare(json, element, version) {
    const { dashboard, ...options } = JSON.parse(json);
    const drawn = () => {
        element.dataset.chartDrawn = String(version);
        element.dataset.chartWidth = String(element.clientWidth);
    };
    options.chart = { ...options.chart, events: { ...options.chart?.events, mounted: drawn, updated: drawn } };
    const axis = formatters[dashboard?.y];
    if (axis) {
        options.yaxis = { ...options.yaxis, labels: { ...options.yaxis?.labels, formatter: axis } };
    }
    const xAxis = formatters[dashboard?.x];
    if (xAxis) {
        options.xaxis = { ...options.xaxis, labels: { ...options.xaxis?.labels, formatter: xAxis } };
    }
    const tooltip = formatters[dashboard?.tooltip ?? dashboard?.y];
    const notes = dashboard?.notes;
    if (tooltip || notes) {
        // A note follows a point's value: "5 of 7 days in this period" for a week the period cuts.
        const value = tooltip ?? (v => v);
        const formatter = notes
            ? (v, context) => notes[context?.dataPointIndex] ? `${value(v)} · ${notes[context.dataPointIndex]}` : value(v)
            : value;
        options.tooltip = { ...options.tooltip, y: { ...options.tooltip?.y, formatter } };
    }
    return options;
}

export function create(element, json, version) {
    if (!element?.isConnected) {
        // The page re-rendered while this script loaded, and the chart's element is gone with its component (Blazor
        // passes null for it, or it is detached): there is nothing to draw, and ApexCharts would throw "Element not
        // found" into the page.
        return { update: () => {}, destroy: () => {} };
    }
    let options = prepare(json, element, version);
    let chart = new window.ApexCharts(element, options);
    chart.render();
    return {
        update: (updatedJson, updatedVersion) => {
            const updated = prepare(updatedJson, element, updatedVersion);
            const typeChanged = updated.chart?.type !== options.chart?.type;
            options = updated;
            if (!typeChanged) {
                return chart.updateOptions(updated, true, true);
            }
            if (!element.isConnected) {
                return; // removed from the page meanwhile, as in create
            }
            // Changed in place from bars to an area (a month to a year), ApexCharts left a stray marker in a corner.
            chart.destroy();
            chart = new window.ApexCharts(element, updated);
            return chart.render();
        },
        destroy: () => chart.destroy(),
    };
}
