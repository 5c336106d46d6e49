#ifndef CGSL_SHIM_H
#define CGSL_SHIM_H
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_deriv.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit_nlinear.h>

/* GSL exports its minimizer types as mutable global pointers, which Swift 6 treats as shared
   mutable state. These accessors hand them to Swift as plain function results. */

static inline const gsl_multimin_fdfminimizer_type *cgsl_fdfminimizer_steepest_descent(void) {
  return gsl_multimin_fdfminimizer_steepest_descent;
}

static inline const gsl_multimin_fdfminimizer_type *cgsl_fdfminimizer_conjugate_fr(void) {
  return gsl_multimin_fdfminimizer_conjugate_fr;
}

static inline const gsl_multimin_fdfminimizer_type *cgsl_fdfminimizer_conjugate_pr(void) {
  return gsl_multimin_fdfminimizer_conjugate_pr;
}

static inline const gsl_multimin_fdfminimizer_type *cgsl_fdfminimizer_vector_bfgs(void) {
  return gsl_multimin_fdfminimizer_vector_bfgs;
}

static inline const gsl_multimin_fdfminimizer_type *cgsl_fdfminimizer_vector_bfgs2(void) {
  return gsl_multimin_fdfminimizer_vector_bfgs2;
}

static inline const gsl_multimin_fminimizer_type *cgsl_fminimizer_nmsimplex2(void) {
  return gsl_multimin_fminimizer_nmsimplex2;
}

static inline const gsl_multifit_nlinear_type *cgsl_multifit_nlinear_trust(void) {
  return gsl_multifit_nlinear_trust;
}

static inline const gsl_multifit_nlinear_trs *cgsl_multifit_nlinear_trs_lm(void) {
  return gsl_multifit_nlinear_trs_lm;
}

static inline const gsl_multifit_nlinear_trs *cgsl_multifit_nlinear_trs_lmaccel(void) {
  return gsl_multifit_nlinear_trs_lmaccel;
}

static inline const gsl_multifit_nlinear_trs *cgsl_multifit_nlinear_trs_dogleg(void) {
  return gsl_multifit_nlinear_trs_dogleg;
}

static inline const gsl_multifit_nlinear_trs *cgsl_multifit_nlinear_trs_ddogleg(void) {
  return gsl_multifit_nlinear_trs_ddogleg;
}

static inline const gsl_multifit_nlinear_trs *cgsl_multifit_nlinear_trs_subspace2D(void) {
  return gsl_multifit_nlinear_trs_subspace2D;
}

#endif
