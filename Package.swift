// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "optimize",
  products: [
    .executable(name: "optimize", targets: ["optimize"]),
    .executable(name: "optimize-bench", targets: ["optimize-bench"]),
    .library(name: "Autodiff", targets: ["Autodiff"]),
    .library(name: "OptimizationCore", targets: ["OptimizationCore"]),
    .library(name: "Problems", targets: ["Problems"]),
    .library(name: "Solvers", targets: ["Solvers"]),
    .library(name: "GSLReference", targets: ["GSLReference"]),
    .library(name: "Reporting", targets: ["Reporting"]),
    .library(name: "Runs", targets: ["Runs"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
    // `swift package generate-documentation`: the DocC catalogs of the library modules.
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
  ],
  targets: [
    .target(
      name: "Autodiff",
      dependencies: [.product(name: "RealModule", package: "swift-numerics")]
    ),
    // What problems and solvers both speak: the counted objective, evaluation counts, norms,
    // small dense linear algebra and name suggestions. Neither depends on the other.
    .target(name: "OptimizationCore", dependencies: ["Autodiff"]),
    .target(
      name: "Problems",
      dependencies: [
        "Autodiff", "OptimizationCore", .product(name: "TOMLKit", package: "TOMLKit"),
      ],
      plugins: ["EmbedProblems"]
    ),
    .executableTarget(name: "embed-problems"),
    .plugin(name: "EmbedProblems", capability: .buildTool(), dependencies: ["embed-problems"]),
    .target(
      name: "Solvers",
      dependencies: [
        "Autodiff", "OptimizationCore", .product(name: "RealModule", package: "swift-numerics"),
      ]
    ),
    .systemLibrary(
      name: "CGSL",
      pkgConfig: "gsl",
      providers: [.apt(["libgsl-dev"])]
    ),
    .target(
      name: "GSLReference", dependencies: ["Autodiff", "CGSL", "OptimizationCore", "Solvers"]),
    .target(name: "Reporting", dependencies: ["Autodiff", "OptimizationCore", "Solvers"]),
    // One run of a solver on a problem as the command and sweeps execute it: the resolved
    // configuration, solver selection, start points and where a run ended.
    .target(
      name: "Runs",
      dependencies: [
        "Autodiff", "OptimizationCore", "Problems", "Solvers", "GSLReference", "Reporting",
      ]),
    .systemLibrary(
      name: "CSQLite",
      pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]
    ),
    // Comparing solvers across problem sets, starts and settings: plans, shards, the SQLite
    // results store, resume and merge.
    .target(
      name: "Sweeps",
      dependencies: [
        "Autodiff", "OptimizationCore", "Problems", "Solvers", "Reporting", "Runs", "CSQLite",
        .product(name: "TOMLKit", package: "TOMLKit"),
      ]),
    .executableTarget(
      name: "optimize",
      dependencies: [
        "Autodiff", "OptimizationCore", "Problems", "Solvers", "GSLReference", "Reporting", "Runs",
        "Sweeps",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .target(name: "CAllocationCounter"),
    .executableTarget(
      name: "optimize-bench",
      dependencies: [
        "Autodiff", "OptimizationCore", "Problems", "Solvers", "GSLReference", "Reporting", "Runs",
        "Sweeps", "CAllocationCounter",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      // The counter's allocation functions must be visible to the shared libraries.
      linkerSettings: [
        .unsafeFlags(
          [
            "-Xlinker", "--export-dynamic-symbol=malloc",
            "-Xlinker", "--export-dynamic-symbol=calloc",
            "-Xlinker", "--export-dynamic-symbol=realloc",
            "-Xlinker", "--export-dynamic-symbol=memalign",
            "-Xlinker", "--export-dynamic-symbol=aligned_alloc",
            "-Xlinker", "--export-dynamic-symbol=posix_memalign",
          ], .when(platforms: [.linux]))
      ]
    ),
    .executableTarget(name: "optimize-fuzz", dependencies: ["Problems", "Autodiff"]),
    // Hand-written objectives and comparison helpers shared by the test targets.
    .target(
      name: "_TestSupport", dependencies: ["Autodiff", "OptimizationCore"],
      path: "Tests/_TestSupport"),
    .testTarget(
      name: "AutodiffTests",
      dependencies: [
        "Autodiff", .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(
      name: "ProblemsTests",
      dependencies: [
        "Problems", "Autodiff", "OptimizationCore", "_TestSupport",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "SolversTests",
      dependencies: ["Solvers", "Problems", "Autodiff", "OptimizationCore", "_TestSupport"]),
    .testTarget(
      name: "GSLReferenceTests",
      dependencies: [
        "GSLReference", "Solvers", "Problems", "CGSL", "Autodiff", "OptimizationCore",
        "_TestSupport",
      ]),
    .testTarget(
      name: "ReportingTests",
      dependencies: ["Reporting", "Solvers", "Autodiff", "OptimizationCore", "_TestSupport"]),
    .testTarget(name: "EndToEndTests", dependencies: ["Reporting", "Sweeps"]),
  ]
)
