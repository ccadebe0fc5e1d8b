import ArgumentParser

/// The arguments `transact` and `query` share: the database file and the request.
struct TransactionArguments: ParsableArguments {
    @Argument(help: "The database file.")
    var database: String

    @Argument(help: #"The params of a transact request, e.g. '["DB",{"op":"select","table":"T","where":[]}]'."#)
    var transaction: String
}
