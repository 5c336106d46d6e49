#ifndef CGSL_SHIM_H
#define CGSL_SHIM_H
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_deriv.h>

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

#endif
