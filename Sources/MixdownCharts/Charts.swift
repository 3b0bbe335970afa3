public enum MixdownCharts {}
