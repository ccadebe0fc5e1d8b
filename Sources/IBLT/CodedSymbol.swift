/// A coded symbol of the rateless code (Yang, Gilad, Alizadeh 2024, section 4): the same
/// three sums as an IBF cell (key XOR, checksum XOR, count), over the keys that the
/// mapping rule assigns to its index. Symbols of two sets at the same index subtract
/// with `-` to give the symbol of their difference.
public typealias CodedSymbol = Cell
