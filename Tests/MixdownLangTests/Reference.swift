/// Reference values computed with statsmodels 0.15 (from score_statsmodels.json).
enum Reference {
    /// The comparison table: Model, RMSE, Coef, Stat, Pval.
    static let table: [(String, Double, Double, Double, Double)] = [
        ("LM-Global (biased)", 2.6947854340205484, 0.23284229143205287, 2.1391650457515063, 0.03664334808508542),
        ("ANCOVA-Inter (biased)", 0.9323505867178083, 0.13071653761862612, 3.4410720732694156, 0.0011020906791091578),
        ("Aggregation", 0.5878594114172516, 6.073401224711293, 7.4976715833650545, 0.08441082620170376),
        ("Hierarchical", 0.06131776074502116, 0.12080763971548898, 3.412469199581669, 0.0761896386315447),
        ("LMM-Inter", 0.9162109338292389, 0.13119341036271753, 3.453471786872731, 0.000553420189158606),
        ("ANCOVA-Full (biased)", 0.9358686604410128, 0.12908445375052247, 1.9787080574454914, 0.05295865049018674),
        ("LMM-Full (biased)", 0.9117424451695217, 0.1272707050531408, 2.7572545438745353, 0.0058288956995732775),
    ]
    static let globalParams: [String: Double] = ["Intercept": 9.30286986533073, "edu": 0.23284229143205287]
    static let global_mse_resid = 7.261868535409315
    static let global_rsquared = 0.0731274787734082
    static let global_llf = -143.59838053436036
    static let global_aic = 291.1967610687207
    static let global_bic = 295.3854501931649
    static let globalCI: (Double, Double) = (0.014960792884921692, 0.45072378997918405)
    static let globalFittedHead: [Double] = [9.768554448194834, 11.631292779651258, 10.001396739626887, 10.467081322490994, 10.699923613923046, 10.699923613923046, 10.001396739626887, 9.30286986533073, 10.699923613923046, 11.398450488219204]
    static let ancovaNames = ["Intercept", "classroom[T.c1]", "classroom[T.c2]", "edu"]
    static let ancovaParams: [Double] = [6.9654292529145465, 2.5778543287290323, 6.129755021822358, 0.13071653761862612]
    static let ancovaTvalues: [Double] = [24.474487002030127, 8.736851272261822, 20.620004714107743, 3.4410720732694156]
    static let ancovaPvalues: [Double] = [1.3775774666446723e-31, 4.8155521825435896e-12, 7.87644596831348e-28, 0.0011020906791091578]
    static let fullNames = ["Intercept", "classroom[T.c1]", "classroom[T.c2]", "edu", "edu:classroom[T.c1]", "edu:classroom[T.c2]"]
    static let fullParams: [Double] = [6.973752880641885, 2.3165403995879226, 6.57859385461288, 0.12908445375052247, 0.04848213968546794, -0.07331258179056083]
    static let lmmInterFe: [Double] = [9.865327007248101, 0.13119341036271753]
    static let lmmInterGroupVarScaleFree = 10.844221582968572
    static let lmmInterScale = 0.8692829619478841
    static let lmmInterLLF = -88.86756188573725
    static let lmmInterRanef: [Double] = [-2.8890093042572906, -0.3231286727357956, 3.212137976991684]
    static let lmmInterSummary = """
        Mixed Linear Model Regression Results
======================================================
Model:            MixedLM Dependent Variable: score   
No. Observations: 60      Method:             REML    
No. Groups:       3       Scale:              0.8693  
Min. group size:  20      Log-Likelihood:     -88.8676
Max. group size:  20      Converged:          Yes     
Mean group size:  20.0                                
------------------------------------------------------
              Coef. Std.Err.   z   P>|z| [0.025 0.975]
------------------------------------------------------
Intercept     9.865    1.789 5.514 0.000  6.359 13.372
edu           0.131    0.038 3.453 0.001  0.057  0.206
Group Var     9.427   10.337                          
======================================================
"""
    static let lmmFullSummary = """
          Mixed Linear Model Regression Results
=========================================================
Model:             MixedLM  Dependent Variable:  score   
No. Observations:  60       Method:              REML    
No. Groups:        3        Scale:               0.8609  
Min. group size:   20       Log-Likelihood:      -88.5987
Max. group size:   20       Converged:           Yes     
Mean group size:   20.0                                  
---------------------------------------------------------
                Coef.  Std.Err.   z   P>|z| [0.025 0.975]
---------------------------------------------------------
Intercept        9.900    1.912 5.177 0.000  6.152 13.647
edu              0.127    0.046 2.757 0.006  0.037  0.218
Group Var       10.760   12.278                          
Group x edu Cov -0.121    0.318                          
edu Var          0.001    0.012                          
=========================================================
"""
}
