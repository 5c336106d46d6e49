/// The look of one plotted run: colour, dash pattern and marker from `Palette`.
public struct SeriesStyle: Hashable, Sendable {
  public var color: String
  public var dash: String
  public var marker: Palette.Marker

  /// One style per series, where `groups[i]` is the family of series i ("" for none).
  ///
  /// Series of a family share a dash pattern and differ in colour and marker, so a family reads
  /// as one kind of line; the families take the patterns in order of first appearance. Series
  /// without a family get `Palette`'s colour, dash and marker by their index. No two
  /// series share all three of colour, dash and marker while there are at most 7³ series: a
  /// series whose preferred style is taken gets the next free one.
  public static func assign(groups: [String]) -> [SeriesStyle] {
    let colors = Palette.colors.count
    let dashes = Palette.dashes.count
    let markers = Palette.Marker.allCases.count
    let combinations = colors * dashes * markers
    var familyIndex: [String: Int] = [:]
    var members: [String: Int] = [:]
    var taken = Set<Int>()
    return groups.map { group in
      let g = familyIndex[group] ?? familyIndex.count
      familyIndex[group] = g
      let m = members[group, default: 0]
      members[group] = m + 1
      // Without families, Palette's styles by index, as the sweep report's swatches and the
      // profiles draw them; a family of more than seven takes the next dash pattern for each
      // further seven.
      let dash = group.isEmpty ? (m / colors + m) % dashes : (g + m / colors) % dashes
      let marker = group.isEmpty ? (m / colors * 3 + m) % markers : (m + 2 * g) % markers
      let preferred = (m % colors) * dashes * markers + dash * markers + marker
      var code = preferred
      while taken.count < combinations && taken.contains(code) {
        code = (code + 1) % combinations
      }
      taken.insert(code)
      return SeriesStyle(
        color: Palette.colors[code / (dashes * markers)],
        dash: Palette.dashes[(code / markers) % dashes],
        marker: Palette.Marker.allCases[code % markers])
    }
  }
}

/// The legend's lines for series with families: a heading for each family (when any series has
/// one), followed by its series, families in order of first appearance.
struct GroupedLegend {
  /// The series' indices in legend order.
  let order: [Int]
  let entries: [LegendEntry]

  init(labels: [String], groups: [String], styles: [SeriesStyle]) {
    var families: [String] = []
    for group in groups where !families.contains(group) { families.append(group) }
    let headed = families.contains { !$0.isEmpty }
    var order: [Int] = []
    var entries: [LegendEntry] = []
    for family in families {
      if headed {
        entries.append(LegendEntry(label: family.isEmpty ? "other" : family, symbol: .heading))
      }
      for i in groups.indices where groups[i] == family {
        order.append(i)
        let style = styles[i]
        entries.append(
          LegendEntry(
            label: labels[i],
            symbol: .series(color: style.color, dash: style.dash, marker: style.marker)))
      }
    }
    self.order = order
    self.entries = entries
  }
}
