/// Colours, dash patterns and marker shapes that keep runs apart, also for readers with colour
/// vision deficiency and on grey-scale prints: Okabe and Ito's palette ("Color Universal Design",
/// 2008) without its yellow, which is too pale on white; each series also gets its own dash
/// pattern and marker shape, so colour is never the only cue.
public enum Palette {
  /// Okabe–Ito: blue, vermillion, bluish green, reddish purple, orange, sky blue, black.
  public static let colors = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
  ]
  /// SVG `stroke-dasharray` values; "" is a solid line.
  public static let dashes = ["", "7 3", "2 2.5", "9 3 2 3", "4 4", "1 4", "12 4 2 4 2 4"]

  /// The marker that ends each series, and marks points along it.
  public enum Marker: CaseIterable, Sendable {
    case circle, square, triangle, diamond, triangleDown, plus, cross
  }

  public static func color(_ index: Int) -> String { colors[index % colors.count] }
  /// The dash pattern; shifted by one after each round of colours, so no two of the first 49
  /// series share both colour and dash.
  public static func dash(_ index: Int) -> String {
    dashes[(index / colors.count + index) % dashes.count]
  }
  public static func marker(_ index: Int) -> Marker {
    let all = Marker.allCases
    return all[(index / colors.count * 3 + index) % all.count]
  }
}
