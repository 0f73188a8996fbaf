// iostream: cout formatting, std::string, containers, and words read from cin
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

int main() {
  std::cout << "iostream says hi " << 123 << ' ' << std::setprecision(4) << 2.718281828 << std::endl;
  std::vector<int> v{5, 3, 9, 1};
  std::sort(v.begin(), v.end());
  for (int x : v) std::cout << x << (x == v.back() ? '\n' : ',');
  std::ostringstream os;
  os << std::hex << 255 << "-" << std::setw(6) << std::setfill('0') << 42;
  std::cout << os.str() << std::endl;
  std::map<std::string, int> counts;
  std::string word;
  while (std::cin >> word) counts[word]++;
  for (auto &kv : counts) std::cout << kv.first << ": " << kv.second << "\n";
  std::cerr << "done (stderr)" << std::endl;
  return 0;
}
