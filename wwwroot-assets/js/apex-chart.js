// Creates, updates and destroys ApexCharts charts for the ApexChart Blazor component.
// Options arrive as JSON; the "dashboard" key names value formatters, since functions cannot travel as JSON.

const numberFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const hoursFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });

const formatters = {
    integer: value => value == null ? "" : numberFormat.format(value),
    hours: value => value == null ? "" : `${hoursFormat.format(value)} h`,
    percent: value => value == null ? "" : `${hoursFormat.format(value)}%`,
    // Chart positions start at 1; an axis that starts at 0 (to keep #1 off the edge) leaves 0 unlabelled.
    rank: value => value == null || value < 1 ? "" : `#${Math.round(value)}`,
};

function prepare(json) {
    const { dashboard, ...options } = JSON.parse(json);
    const axis = formatters[dashboard?.y];
    if (axis) {
        options.yaxis = { ...options.yaxis, labels: { ...options.yaxis?.labels, formatter: axis } };
    }
    const xAxis = formatters[dashboard?.x];
    if (xAxis) {
        options.xaxis = { ...options.xaxis, labels: { ...options.xaxis?.labels, formatter: xAxis } };
    }
    const tooltip = formatters[dashboard?.tooltip ?? dashboard?.y];
    if (tooltip) {
        options.tooltip = { ...options.tooltip, y: { ...options.tooltip?.y, formatter: tooltip } };
    }
    return options;
}

export function create(element, json) {
    if (!element?.isConnected) {
        // The page re-rendered while this script loaded, and the chart's element is gone with its component (Blazor
        // passes null for it, or it is detached): there is nothing to draw, and ApexCharts would throw "Element not
        // found" into the page.
        return { update: () => {}, destroy: () => {} };
    }
    let options = prepare(json);
    let chart = new window.ApexCharts(element, options);
    chart.render();
    return {
        update: updatedJson => {
            const updated = prepare(updatedJson);
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
