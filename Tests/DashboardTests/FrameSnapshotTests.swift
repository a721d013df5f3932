import TermCanvas
import XCTest
@testable import Dashboard

/// The whole 80×24 frame of a known run, in ASCII: a change anywhere in the layout, the
/// charts, the table, the histogram panel, the log or the footer shows up here as a diff.
final class FrameSnapshotTests: XCTestCase {
    func testFullFrameAt80x24() {
        var state = DashboardState(mode: .live(name: "digits-mlp"), options: DashboardOptions())
        _ = state.update(.events(SampleRun.events()))
        let lines = DashboardView.render(state, size: Size(width: 80, height: 24), glyphs: .ascii).lines
        let expected = [
            " tunetop digits-mlp  running  epoch 1  step 200/400 #####----- 50%  ETA 2s",
            " lr 0.05  best val 0.244 @200  smooth 0.6  window all",
            "- loss - raw - smoothed 0.6 - val ------------- - accuracy - val 100% ----------",
            "  2+:.                   :keyx0.5                 1+              .     :      '",
            "   | :.                  :                      0.5+       .      '",
            "   |  ::                 :                          0                        200",
            "  1+   ':..              :                      - learning rate - now 0.05 -----",
            "   |      '':.:.         :                       0.1+''''''''''''':",
            "   |           '''''::...:........  .         .     |             :",
            "  0+                     :       '''''''''''''* 0.05+             :'''''''''''''",
            "    0                   100                 200      0                       200",
            "- layers - |dW|/|W| good ~ 1e-3 ----------------- fc1 - activations @200 -------",
            "  layer    |W|     |dW|     ratio    dead   sat  NaN 0 Inf 0  n=100",
            "> fc1        5 ~    0.5 ~    1e-3 ~   25%     -     #######      ....",
            "  fc2        5 ~    0.5 ~    5e-2 ~   25%     -     #######      ####",
            "                                                   .#######.     ####",
            "                                                ...#########...  ####",
            "                                                ###############  ....",
            "                                                -1            1  -1~1 over time",
            "- advice & events --------------------------------------------------------------",
            "     100  > key: scale_lr  lr 0.1 > 0.05",
            "",
            "",
            " h/H/d LR  p pause  c ckpt  s stop  b best  j/k layer  ? help  q quit",
        ]
        XCTAssertEqual(lines.count, expected.count)
        for (row, (got, want)) in zip(lines, expected).enumerated() {
            XCTAssertEqual(got, want, "row \(row)")
        }
    }
}
