import MixdownStats
import MixdownCharts
public enum MixdownLang {}
