// Uses a whole package through its re-exports, and os.path, as a user would.
#include <py/os/path.hpp>
#include <py/pkgdemo.hpp>

#include <iomanip>
#include <iostream>
#include <string>
#include <type_traits>

// A re-exported class is the wrapper of the module that defines it, under either name.
static_assert(std::is_same_v<py::pkgdemo::Widget, py::pkgdemo::core::Widget>);
static_assert(std::is_same_v<py::pkgdemo::Box, py::pkgdemo::shapes::Square>);
static_assert(std::is_same_v<py::pkgdemo::DemoError, py::pkgdemo::errors::DemoError>);

int main() {
    pyhpp::interpreter python;
    std::cout << std::fixed << std::setprecision(6);
    py::pkgdemo::Widget widget(3);
    // name() comes from one base, size() and doubled() from the other.
    std::cout << widget.name() << " " << widget.size() << " " << widget.doubled() << "\n";
    py::pkgdemo::Widget bigger = widget.grow(2);
    std::cout << bigger.size() << " " << py::pkgdemo::make_widget(4).size() << "\n";
    // Across the import cycle core <-> shapes.
    py::pkgdemo::Circle circle = bigger.circle();
    std::cout << circle.describe() << " " << circle.scaled().area() << " " << circle.widget().size()
              << "\n";
    py::pkgdemo::Box box(3.0);
    std::cout << py::pkgdemo::shapes::biggest({circle, box}).describe() << "\n";
    // Typed from typeshed's stubs: basename(AnyStr) -> AnyStr is one overload per str and bytes.
    std::cout << py::os::path::basename(std::string("a/b/c.txt")) << "\n";
    try {
        py::pkgdemo::errors::fail("boom");
    } catch (const py::pkgdemo::DemoError &error) {
        std::cout << "caught " << error.what() << "\n";
    }
    // Defined in a private module, wrapped where it is exported.
    try {
        py::pkgdemo::errors::lookup("key");
    } catch (const py::pkgdemo::MissingError &error) {
        std::cout << "missing " << error.what() << "\n";
    }
}
