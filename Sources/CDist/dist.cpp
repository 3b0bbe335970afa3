// Thin C wrappers over Boost.Math distributions (Boost Software License).
// Errors become NaN instead of exceptions so that Swift callers can check them.
#include "dist.h"
#include <cmath>
#include <limits>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/fisher_f.hpp>

using namespace boost::math;
using nan_policy = policies::policy<
    policies::domain_error<policies::ignore_error>,
    policies::overflow_error<policies::ignore_error>,
    policies::evaluation_error<policies::ignore_error>,
    policies::pole_error<policies::ignore_error>>;

template <class F> static double guarded(F f) {
    try { return f(); } catch (...) { return std::numeric_limits<double>::quiet_NaN(); }
}

extern "C" {
double dist_norm_cdf(double x) { return guarded([&] { return cdf(normal_distribution<double, nan_policy>(), x); }); }
double dist_norm_sf(double x) { return guarded([&] { return cdf(complement(normal_distribution<double, nan_policy>(), x)); }); }
double dist_norm_quantile(double p) { return guarded([&] { return quantile(normal_distribution<double, nan_policy>(), p); }); }

double dist_t_cdf(double t, double df) { return guarded([&] { return cdf(students_t_distribution<double, nan_policy>(df), t); }); }
double dist_t_sf(double t, double df) { return guarded([&] { return cdf(complement(students_t_distribution<double, nan_policy>(df), t)); }); }
double dist_t_quantile(double p, double df) { return guarded([&] { return quantile(students_t_distribution<double, nan_policy>(df), p); }); }

double dist_chisq_cdf(double x, double df) { return guarded([&] { return cdf(chi_squared_distribution<double, nan_policy>(df), x); }); }
double dist_chisq_sf(double x, double df) { return guarded([&] { return cdf(complement(chi_squared_distribution<double, nan_policy>(df), x)); }); }
double dist_chisq_quantile(double p, double df) { return guarded([&] { return quantile(chi_squared_distribution<double, nan_policy>(df), p); }); }

double dist_f_cdf(double x, double d1, double d2) { return guarded([&] { return cdf(fisher_f_distribution<double, nan_policy>(d1, d2), x); }); }
double dist_f_sf(double x, double d1, double d2) { return guarded([&] { return cdf(complement(fisher_f_distribution<double, nan_policy>(d1, d2), x)); }); }
double dist_f_quantile(double p, double d1, double d2) { return guarded([&] { return quantile(fisher_f_distribution<double, nan_policy>(d1, d2), p); }); }

double dist_norm_quantile_upper(double q) { return guarded([&] { return quantile(complement(normal_distribution<double, nan_policy>(), q)); }); }
double dist_t_quantile_upper(double q, double df) { return guarded([&] { return quantile(complement(students_t_distribution<double, nan_policy>(df), q)); }); }
double dist_chisq_quantile_upper(double q, double df) { return guarded([&] { return quantile(complement(chi_squared_distribution<double, nan_policy>(df), q)); }); }
double dist_f_quantile_upper(double q, double d1, double d2) { return guarded([&] { return quantile(complement(fisher_f_distribution<double, nan_policy>(d1, d2), q)); }); }
}
