import OVSDB

/// Why a view could not be defined from a table and a monitor request. Thrown by
/// `RowKeyEncoder` and `TableView`; the server answers the request with a syntax error,
/// the client fixes its request.
public enum DigestError: Error, Equatable, Sendable {
    /// A column index outside the table, or a column name the table does not have.
    case unknownColumn(table: String, column: String)
    /// The same column named twice in one view.
    case duplicateColumn(table: String, column: String)
    /// The same table twice in one view.
    case duplicateTable(String)
    /// A view names a table the schema does not have.
    case unknownTable(String)
}
