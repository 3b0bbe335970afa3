/* Distribution functions from Boost.Math behind a plain C interface.
 * Each returns NaN for arguments outside the distribution's domain. */
#ifndef MIXDOWN_DIST_H
#define MIXDOWN_DIST_H
#ifdef __cplusplus
extern "C" {
#endif

double dist_norm_cdf(double x);
double dist_norm_sf(double x);
double dist_norm_quantile(double p);

double dist_t_cdf(double t, double df);
double dist_t_sf(double t, double df);
double dist_t_quantile(double p, double df);

double dist_chisq_cdf(double x, double df);
double dist_chisq_sf(double x, double df);
double dist_chisq_quantile(double p, double df);

double dist_f_cdf(double x, double df1, double df2);
double dist_f_sf(double x, double df1, double df2);
double dist_f_quantile(double p, double df1, double df2);

/* Upper-tail quantiles: the x with P(X > x) = q (precise for small q). */
double dist_norm_quantile_upper(double q);
double dist_t_quantile_upper(double q, double df);
double dist_chisq_quantile_upper(double q, double df);
double dist_f_quantile_upper(double q, double df1, double df2);

#ifdef __cplusplus
}
#endif
#endif
