// Creates, updates and destroys ApexCharts charts for the ApexChart Blazor component.
// Options arrive as JSON; the "dashboard" key names value formatters, since functions cannot travel as JSON.

const numberFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const hoursFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });

const formatters = {
    integer: value => value == null ? "" : numberFormat.format(value),
    hours: value => value == null ? "" : `${hoursFormat.format(value)} h`,
    percent: value => value == null ? "" : `${hoursFormat.format(value)}%`,
};

function prepare(json) {
    const { dashboard, ...options } = JSON.parse(json);
    const format = formatters[dashboard?.y];
    if (format) {
        options.yaxis = { ...options.yaxis, labels: { ...options.yaxis?.labels, formatter: format } };
        options.tooltip = { ...options.tooltip, y: { ...options.tooltip?.y, formatter: format } };
    }
    return options;
}

export function create(element, json) {
    const chart = new window.ApexCharts(element, prepare(json));
    chart.render();
    return {
        update: updatedJson => chart.updateOptions(prepare(updatedJson), true, true),
        destroy: () => chart.destroy(),
    };
}
