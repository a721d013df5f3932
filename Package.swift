// swift-tools-version:6.0
import PackageDescription

// Why x86-64-v3: without a target CPU, swiftc emits baseline SSE2 and SIMD FMAs become
// scalar `fmaf` calls. v3 (AVX2 + FMA) runs on every x86-64 CPU since 2013 and, on the
// Zen 4 machines we measure on, reaches the same FP32 peak as AVX-512 (2×256-bit FMA per
// cycle). See DECISIONS.md. Other architectures build with the compiler's defaults.
#if arch(x86_64)
let cpuFlags: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-march=x86-64-v3"])]
let cFlags: [CSetting] = [.unsafeFlags(["-march=x86-64-v3"])]
#else
let cpuFlags: [SwiftSetting] = []
let cFlags: [CSetting] = []
#endif

let swiftSettings: [SwiftSetting] = cpuFlags

let package = Package(
    name: "tunetop",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tunetop", targets: ["tunetop"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(
            name: "CNCursesW",
            linkerSettings: [.linkedLibrary("ncursesw")]
        ),
        .target(
            name: "CZlib",
            linkerSettings: [.linkedLibrary("z")]
        ),
        .target(name: "Engine", swiftSettings: swiftSettings),
        .target(name: "Datasets", dependencies: ["Engine", "CZlib"], swiftSettings: swiftSettings),
        .target(name: "Telemetry", swiftSettings: swiftSettings),
        .target(
            name: "Training",
            dependencies: ["Engine", "Datasets", "Telemetry"],
            swiftSettings: swiftSettings
        ),
        .target(name: "Diagnosis", dependencies: ["Telemetry"], swiftSettings: swiftSettings),
        .target(name: "TermCanvas", swiftSettings: swiftSettings),
        .target(name: "CursesBackend", dependencies: ["CNCursesW", "TermCanvas"], swiftSettings: swiftSettings),
        .target(name: "Dashboard", dependencies: ["Telemetry", "TermCanvas"], swiftSettings: swiftSettings),
        .target(
            name: "TunetopApp",
            dependencies: [
                "Engine", "Datasets", "Telemetry", "Training", "Diagnosis", "TermCanvas", "CursesBackend",
                "Dashboard", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "tunetop", dependencies: ["TunetopApp"], swiftSettings: swiftSettings),
        .testTarget(name: "EngineTests", dependencies: ["Engine"], swiftSettings: swiftSettings),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Engine"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TelemetryTests", dependencies: ["Telemetry"],
            resources: [.copy("Fixtures")], swiftSettings: swiftSettings
        ),
        .testTarget(name: "TrainingTests", dependencies: ["Training"], swiftSettings: swiftSettings),
        .testTarget(name: "DiagnosisTests", dependencies: ["Diagnosis"], swiftSettings: swiftSettings),
        .testTarget(name: "TermCanvasTests", dependencies: ["TermCanvas"], swiftSettings: swiftSettings),
        .testTarget(name: "DashboardTests", dependencies: ["Dashboard"], swiftSettings: swiftSettings),
        .testTarget(name: "TunetopAppTests", dependencies: ["TunetopApp"], swiftSettings: swiftSettings),
    ],
    swiftLanguageModes: [.v6]
)
