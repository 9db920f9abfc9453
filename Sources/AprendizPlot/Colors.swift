// Colours: an RGB value type, a categorical palette and continuous colour maps.

/// An opaque RGB colour with components in 0…1.
public struct PlotColor: Sendable, Hashable {
    /// Red component, 0…1.
    public var red: Double
    /// Green component, 0…1.
    public var green: Double
    /// Blue component, 0…1.
    public var blue: Double

    /// Creates a colour from components in 0…1 (values outside are clamped when printed).
    public init(red: Double, green: Double, blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Creates a colour from a hex string such as `"#1f77b4"` or `"1f77b4"`; nil if malformed.
    public init?(hex: String) {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        self.init(red: Double((value >> 16) & 0xFF) / 255,
                  green: Double((value >> 8) & 0xFF) / 255,
                  blue: Double(value & 0xFF) / 255)
    }

    /// The colour as `#rrggbb`, as written into SVG attributes.
    public var hexString: String {
        func byte(_ component: Double) -> String {
            let clamped = component.isFinite ? min(max(component, 0), 1) : 0
            let value = Int((clamped * 255).rounded())
            let text = String(value, radix: 16)
            return value < 16 ? "0" + text : text
        }
        return "#" + byte(red) + byte(green) + byte(blue)
    }

    /// Relative luminance (0 = black, 1 = white), used to pick readable text on a coloured cell.
    public var luminance: Double {
        0.2126 * red + 0.7152 * green + 0.0722 * blue
    }

    /// Linear interpolation towards `other`; `fraction` 0 gives `self`, 1 gives `other`.
    public func mixed(with other: PlotColor, fraction: Double) -> PlotColor {
        let t = min(max(fraction, 0), 1)
        return PlotColor(red: red + (other.red - red) * t,
                         green: green + (other.green - green) * t,
                         blue: blue + (other.blue - blue) * t)
    }

    /// Black.
    public static let black = PlotColor(red: 0, green: 0, blue: 0)
    /// White.
    public static let white = PlotColor(red: 1, green: 1, blue: 1)
    /// Mid grey, used for frames and tick marks.
    public static let gray = PlotColor(red: 0.4, green: 0.4, blue: 0.4)
    /// Light grey, used for grid lines.
    public static let lightGray = PlotColor(red: 0.88, green: 0.88, blue: 0.88)

    /// Ten distinct categorical colours (the "tab10" palette), used in order for series without a colour.
    public static let palette: [PlotColor] = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ].compactMap { PlotColor(hex: $0) }

    /// The palette colour for series number `index`, wrapping around after ten.
    public static func palette(_ index: Int) -> PlotColor {
        palette[((index % palette.count) + palette.count) % palette.count]
    }
}

/// A continuous colour map from 0…1 to colours, for contour levels and heat maps.
public enum Colormap: Sendable, Hashable {
    /// Perceptually uniform dark purple → blue → green → yellow (matplotlib's default).
    case viridis
    /// White → dark blue; good for counts such as a confusion matrix.
    case blues
    /// Black → red → yellow → white.
    case inferno
    /// White → black.
    case grays

    private var stops: [PlotColor] {
        let hexes: [String]
        switch self {
        case .viridis: hexes = ["#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"]
        case .blues: hexes = ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"]
        case .inferno: hexes = ["#000004", "#1b0c41", "#4a0c6b", "#781c6d", "#a52c60", "#cf4446", "#ed6925", "#fb9b06", "#f7d13d", "#fcffa4"]
        case .grays: hexes = ["#ffffff", "#000000"]
        }
        return hexes.compactMap { PlotColor(hex: $0) }
    }

    /// The colour at `position` in 0…1 (clamped; non-finite gives the low end).
    public func color(at position: Double) -> PlotColor {
        let stops = self.stops
        let t = position.isFinite ? min(max(position, 0), 1) : 0
        let scaled = t * Double(stops.count - 1)
        let index = min(Int(scaled), stops.count - 2)
        return stops[index].mixed(with: stops[index + 1], fraction: scaled - Double(index))
    }
}
