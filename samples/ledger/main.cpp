// The ledger sample: a class-based Python domain model (a dataclass, an enum, a callback and
// its own exception classes) used from C++ through generated wrappers.
#include <py/ledger.hpp>

#include <iostream>

namespace ledger = py::ledger;

int main() {
    pyhpp::interpreter python;

    ledger::Ledger books("ACME", ledger::kw::overdraft = 50.0);
    // A C++ lambda as a Python callback.
    books.on_change([](const std::string &account, double balance) {
        std::cout << "  [callback] " << account << " is now " << balance << " "
                  << ledger::CURRENCY() << "\n";
    });

    books.book(ledger::Entry("cash", 120.0));
    books.book(ledger::Entry("cash", 30.0, ledger::Kind::DEBIT, std::string("stamps")));
    books.book(ledger::Entry("bank", 500.0));
    std::cout << "entries: " << books.size() << ", accounts:";
    for (const auto &account : books.accounts())
        std::cout << " " << account;
    std::cout << "\n";

    for (const ledger::Entry &e : books.history("cash"))
        std::cout << "  cash " << (e.kind() == ledger::Kind::CREDIT ? "+" : "-") << e.amount()
                  << (e.memo() ? " (" + *e.memo() + ")" : std::string()) << "\n";

    // The module's own exception classes, caught by their C++ classes.
    try {
        books.book(ledger::Entry("cash", 500.0, ledger::Kind::DEBIT));
    } catch (const ledger::OverdraftError &e) {
        std::cout << "caught ledger::OverdraftError: " << e.what() << "\n";
    }
    try {
        books.book(ledger::Entry("cash", -1.0));
    } catch (const ledger::LedgerError &e) {
        std::cout << "caught ledger::LedgerError: " << e.message() << "\n";
    }
    std::cout << "cash balance: " << books.balance("cash") << "\n";
    return 0;
}
